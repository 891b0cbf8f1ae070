// What tests may use of the API package: the app factory and the dossier mapping. Production runs main.ts.
export { createApi } from './bootstrap';
export { toLedgerDecision } from './dossier/dossier.service';
export type { CaseDossier, DossierDecision } from './dossier/dossier.types';
