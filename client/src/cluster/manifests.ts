// The Kubernetes objects of a YAML text, as apply and the live baseline need them: decoded by the
// server's decoder (YAML 1.1 as the API server reads it), so what Apply sends is what was checked.
export { decodeManifests as manifestsOf } from '../../../server/src/shared/manifest-yaml';
