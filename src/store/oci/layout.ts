import { createHash } from 'node:crypto';
import { corrupt } from '../../engine/common/errors.ts';
import { MANIFEST_FILE, type Manifest, isSafeFileName } from '../../engine/manifest/manifest.ts';
import { isGenerationId } from '../names.ts';
import { VERIFICATION_FILE } from '../summary.ts';

/**
 * How a generation is kept in an OCI repository (docs/stores-oci.md): one OCI 1.1 image manifest,
 * as `oras push` writes one, tagged `<name>_<generation>`:
 *
 *   artifactType  application/vnd.sqlite-snapshot.generation.v1
 *   config        the empty descriptor ({} , 2 bytes), as the spec asks of artifacts
 *   layers        one per file of the generation, each annotated with its file name
 *                 (org.opencontainers.image.title, which `oras pull` writes the file as):
 *                 manifest.json, each stored database, verification.json when there is one
 *
 * Layers are blobs addressed by their sha256, so a file another generation already holds (an
 * unchanged database) is in the repository once and is never sent again. A generation exists once
 * its manifest is tagged, which is the last request of a snapshot. Room for the next step,
 * generations that hold only the pages that changed: page packs as further blobs, referenced from
 * an index layer, named by a snapshot manifest of a newer format version (older readers refuse it).
 */
export const ARTIFACT_TYPE = 'application/vnd.sqlite-snapshot.generation.v1';
export const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
} as const;
export const EMPTY_CONFIG_BYTES = Buffer.from('{}');
export const TITLE = 'org.opencontainers.image.title';
const NAME_ANNOTATION = 'sqlite-snapshot.name';
const GENERATION_ANNOTATION = 'sqlite-snapshot.generation';
const CREATED_ANNOTATION = 'org.opencontainers.image.created';

export const MEDIA_TYPES = {
  manifest: 'application/vnd.sqlite-snapshot.manifest.v1+json',
  verification: 'application/vnd.sqlite-snapshot.verification.v1+json',
  database: 'application/vnd.sqlite-snapshot.database.v1',
} as const;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: string;
  artifactType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations: Record<string, string>;
}

/** `<name>_<generation>`: valid OCI tags (names and ids use tag characters, 100 + 1 + 20 < 128). */
export function tagFor(name: string, generation: string): string {
  return `${name}_${generation}`;
}

const TAG_RE = /^(.+)_(\d{8}T\d{6}\.\d{3}Z(?:-\d+)?)$/;

/** The name and generation a tag stands for, or undefined for a tag that is not one of ours. */
export function parseTag(tag: string): { name: string; generation: string } | undefined {
  const m = TAG_RE.exec(tag);
  if (!m || !isGenerationId(m[2] as string)) return undefined;
  return { name: m[1] as string, generation: m[2] as string };
}

export interface LayerFile {
  file: string;
  digest: string;
  size: number;
}

/** The layer media type of a generation's file: databases say how they are compressed. */
export function mediaTypeOf(file: string, manifest: Manifest): string {
  if (file === MANIFEST_FILE) return MEDIA_TYPES.manifest;
  if (file === VERIFICATION_FILE) return MEDIA_TYPES.verification;
  const entry = manifest.databases.find((d) => d.file === file);
  if (!entry) return 'application/octet-stream';
  return entry.compression === 'none' ? MEDIA_TYPES.database : `${MEDIA_TYPES.database}+${entry.compression}`;
}

export function buildManifest(name: string, generation: string, snapshot: Manifest, files: readonly LayerFile[]): Buffer {
  const image: ImageManifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType: ARTIFACT_TYPE,
    config: { ...EMPTY_CONFIG },
    layers: files.map((f) => ({ mediaType: mediaTypeOf(f.file, snapshot), digest: f.digest, size: f.size, annotations: { [TITLE]: f.file } })),
    annotations: { [NAME_ANNOTATION]: name, [GENERATION_ANNOTATION]: generation, [CREATED_ANNOTATION]: snapshot.createdAt },
  };
  return Buffer.from(JSON.stringify(image));
}

/** A generation's manifest as stored, checked: its layers by file name. `what` names it in errors. */
export function parseImageManifest(body: Buffer, digest: string, what: string): Map<string, Descriptor> {
  if (digest && digest !== `sha256:${createHash('sha256').update(body).digest('hex')}`) {
    throw corrupt(`${what}: the manifest's bytes do not match its digest ${digest}; the download was damaged, try again`);
  }
  let image: Partial<ImageManifest>;
  try {
    image = JSON.parse(body.toString('utf8')) as Partial<ImageManifest>;
  } catch {
    throw corrupt(`${what}: the manifest is not JSON; it was not written by sqlite-snapshot`);
  }
  if (image.artifactType !== ARTIFACT_TYPE || !Array.isArray(image.layers)) {
    throw corrupt(`${what}: is not a sqlite-snapshot generation (artifactType ${JSON.stringify(image.artifactType ?? null)}); it was pushed by another tool under one of our tags`);
  }
  const layers = new Map<string, Descriptor>();
  for (const l of image.layers) {
    const file = l.annotations?.[TITLE];
    if (!file || !isSafeFileName(file) || !/^sha256:[0-9a-f]{64}$/.test(l.digest) || !Number.isSafeInteger(l.size) || l.size < 0) {
      throw corrupt(`${what}: a layer has no valid file name, digest or size; the generation is damaged`);
    }
    layers.set(file, l);
  }
  if (!layers.has(MANIFEST_FILE)) throw corrupt(`${what}: has no ${MANIFEST_FILE} layer; the generation is damaged`);
  return layers;
}
