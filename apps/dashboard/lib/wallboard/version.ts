/** What a wallboard screen reports as its version in heartbeats (bump with wallboard changes). */
export const WALLBOARD_VERSION = 'wallboard-1';
