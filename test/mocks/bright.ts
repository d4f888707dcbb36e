// Bright's mock lives with its provider's tests; registries find mocks here by provider id.
export * from '../providers/bright/mock';
