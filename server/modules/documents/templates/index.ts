/**
 * Every document template, registered once. A template is a file of its own holding only content (what the
 * document says); the layout is ../layout.ts. Other modules add their templates here (one line each) or call
 * registerTemplate from their own module.
 */
import { registerTemplate } from '../documents.service.ts';
import { dismantleNotice } from './dismantle-notice.ts';
import { enforcementDecision } from './enforcement-decision.ts';
import { extensionApplication } from './extension-application.ts';
import { extensionDecision } from './extension-decision.ts';
import { publicCommitment } from './public-commitment.ts';
import { rectificationNotice } from './rectification-notice.ts';
import { referral } from './referral.ts';
import { reinspectionOpinion } from './reinspection-opinion.ts';
import { sealingNotice } from './sealing-notice.ts';

registerTemplate(rectificationNotice);
registerTemplate(extensionApplication);
registerTemplate(extensionDecision);
registerTemplate(reinspectionOpinion);
registerTemplate(enforcementDecision);
registerTemplate(sealingNotice);
registerTemplate(publicCommitment);
registerTemplate(dismantleNotice);
registerTemplate(referral);
