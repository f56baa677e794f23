/** The resettlement module's public face: the attachment header and the enterprise filter the other levers share. */
export { enterpriseWhere } from './resettlement.repository.ts';
export { attachment } from './resettlement.routes.ts';
