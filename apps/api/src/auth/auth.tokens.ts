/** The local token issuer, or null when an identity provider's JWKS is configured instead. */
export const LOCAL_ISSUER = Symbol('LOCAL_ISSUER');
