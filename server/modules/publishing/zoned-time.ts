/** Moved to common/ (the composer uses it too); kept so existing imports stay valid. */
export * from '../../../common/zoned-time.ts';
