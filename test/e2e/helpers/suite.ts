import { after, before } from 'node:test';
import { ArtifactService } from './artifact-service.ts';
import { startAzurite, type Azurite } from './azurite.ts';
import { assertBundlesBuilt } from './runner.ts';
import { Steps } from './steps.ts';

export interface ArtifactSuite {
  /** The blob store, up from before() to after(). */
  readonly azurite: Azurite;
  /** The file's artifact service (with `shared: false`, none: each test starts its own). */
  readonly svc: ArtifactService;
  /** The file's jobs and steps, every step's log checked for secrets; jobs removed in after(). */
  readonly steps: Steps;
  /** Another artifact service on the same blob store, stopped in after(). */
  service(): Promise<ArtifactService>;
}

/**
 * The before/after every e2e file needs: dist/ built, Azurite and an artifact service up, and all
 * of it stopped and removed at the end. Call at the top of the file.
 */
export function artifactSuite(opts: { shared?: boolean } = {}): ArtifactSuite {
  let azurite: Azurite | undefined;
  let svc: ArtifactService | undefined;
  const services: ArtifactService[] = [];
  const steps = new Steps();
  const service = async (): Promise<ArtifactService> => {
    if (!azurite) throw new Error('artifactSuite: the blob store is not up; use the service inside a test');
    const s = new ArtifactService(azurite);
    await s.start();
    services.push(s);
    return s;
  };
  before(async () => {
    assertBundlesBuilt();
    azurite = await startAzurite();
    if (opts.shared !== false) svc = await service();
  });
  after(async () => {
    for (const s of services) await s.stop();
    await azurite?.stop();
    await steps.cleanup();
  });
  const up = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`artifactSuite: no ${what} (not started yet, or shared: false)`);
    return value;
  };
  return {
    get azurite() {
      return up(azurite, 'blob store');
    },
    get svc() {
      return up(svc, 'shared artifact service');
    },
    steps,
    service,
  };
}
