import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { LocalBlobStore, S3BlobStore, migrateBlobs } from '../../platform/storage/blob-store.ts';
import type { Command } from '../command.ts';

export const evidenceMigrateCmd: Command = {
  name: 'evidence migrate',
  summary: 'Copy every evidence file between the data dir and the S3 object store, and verify each by its hash',
  usage: 'phaseout evidence migrate --to s3|local   (S3 settings from PHASEOUT_EVIDENCE_STORE=s3, PHASEOUT_S3_*)',
  options: { to: { type: 'string' } },
  async run({ values }) {
    const config = loadConfig();
    if (values.to !== 's3' && values.to !== 'local') {
      console.error('usage: phaseout evidence migrate --to s3|local');
      return 2;
    }
    const s3c = config.evidenceStore;
    if (s3c.kind !== 's3') {
      console.error(
        'phaseout: set PHASEOUT_EVIDENCE_STORE=s3 and PHASEOUT_S3_BUCKET (and PHASEOUT_S3_ENDPOINT for a store other than AWS) to name the object store',
      );
      return 2;
    }
    const local = new LocalBlobStore(path.join(config.dataDir, 'evidence'));
    const s3 = new S3BlobStore({ bucket: s3c.bucket, endpoint: s3c.endpoint, region: s3c.region, prefix: s3c.prefix });
    const [from, to] = values.to === 's3' ? [local, s3] : [s3, local];
    const r = await migrateBlobs(from, to, path.join(config.dataDir, 'evidence', 'tmp'), (m) => console.error(m));
    console.log(`${r.copied} files copied to the ${values.to} store, ${r.verified} verified by their hash`);
    return 0;
  },
};
