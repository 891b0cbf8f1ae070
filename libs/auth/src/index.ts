export * from './local-issuer';
export * from './principal';
export * from './token-verifier';
