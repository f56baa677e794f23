import { checkpointAudit, verifyAudit } from '../../platform/audit/audit.ts';
import { withDatabase, type Command } from '../command.ts';

export const auditVerify: Command = {
  name: 'audit verify',
  summary: 'Verify the hash chains of the audit trail; exits 1 naming the first broken record',
  usage: 'phaseout audit verify [--checkpoint] [--json]',
  options: { checkpoint: { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values }) {
    return withDatabase(
      async ({ db }) => {
        const r = await verifyAudit(db);
        if (r.ok && values.checkpoint) await checkpointAudit(db);
        if (values.json) console.log(JSON.stringify(r));
        else if (r.ok) console.log(`audit trail intact: ${r.records} records in ${r.streams} streams, ${r.checkpoints} checkpoints`);
        else
          console.log(
            `audit trail BROKEN at record ${r.firstBroken!.id} (stream ${r.firstBroken!.stream ?? '-'}, seq ${r.firstBroken!.seq ?? '-'}): ${r.firstBroken!.reason}`,
          );
        return r.ok ? 0 : 1;
      },
      { seed: false },
    );
  },
};
