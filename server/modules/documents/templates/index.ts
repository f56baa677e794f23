/**
 * Every document template, registered once. A template is a file of its own holding only content (what the
 * document says); the layout is ../layout.ts. Other modules add their templates here (one line each) or call
 * registerTemplate from their own module.
 */
import { registerTemplate } from '../documents.service.ts';
import { rectificationNotice } from './rectification-notice.ts';

registerTemplate(rectificationNotice);
