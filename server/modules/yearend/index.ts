/** The year-end module's public face: acceptance goes through a complete certificate (the case act asks it). */
export { requireCompleteCertificate } from './certificate-guard.ts';
export { acceptThroughCertificateAsSystem } from './commands/certificate-commands.ts';
