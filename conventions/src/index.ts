export const PLACEHOLDER_REMOVE_ME = 1;
