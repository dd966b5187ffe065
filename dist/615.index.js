export const id = 615;
export const ids = [615];
export const modules = {

/***/ 96615:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadArtifactReader: () => (/* binding */ loadArtifactReader)
/* harmony export */ });
async function loadArtifactReader() {
    const [find, download, config, errors] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(420), __webpack_require__.e(884), __webpack_require__.e(812)]).then(__webpack_require__.bind(__webpack_require__, 66812)),
        Promise.all(/* import() */[__webpack_require__.e(420), __webpack_require__.e(884), __webpack_require__.e(795)]).then(__webpack_require__.bind(__webpack_require__, 94795)),
        __webpack_require__.e(/* import() */ 893).then(__webpack_require__.bind(__webpack_require__, 48893)),
        __webpack_require__.e(/* import() */ 320).then(__webpack_require__.bind(__webpack_require__, 2320)),
    ]);
    // As DefaultArtifactClient dispatches: another run's artifacts through the REST API with a
    // token (findBy), this run's through the runtime's own service; neither on GHES.
    const notGhes = () => {
        if (config.isGhes())
            throw new errors.GHESNotSupportedError();
    };
    return {
        listArtifacts: async (options) => {
            notGhes();
            if (options?.findBy) {
                const { workflowRunId, repositoryOwner, repositoryName, token } = options.findBy;
                return find.listArtifactsPublic(workflowRunId, repositoryOwner, repositoryName, token, options.latest);
            }
            return find.listArtifactsInternal(options?.latest);
        },
        downloadArtifact: async (artifactId, options) => {
            notGhes();
            if (options?.findBy) {
                const { findBy, ...rest } = options;
                return download.downloadArtifactPublic(artifactId, findBy.repositoryOwner, findBy.repositoryName, findBy.token, rest);
            }
            return download.downloadArtifactInternal(artifactId, options);
        },
    };
}


/***/ })

};
