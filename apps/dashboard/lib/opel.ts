/** OPEL levels in words (Integrated OPEL framework 2024–26): 1 normal … 4 unable to deliver comprehensive care. */
export const OPEL_LABEL: Record<number, string> = {
  1: 'OPEL 1 — normal',
  2: 'OPEL 2 — moderate pressure',
  3: 'OPEL 3 — severe pressure',
  4: 'OPEL 4 — extreme pressure',
};

/** NHS tag colour per level (with the words, never colour alone). */
export const OPEL_TAG: Record<number, string> = {
  1: 'nhsuk-tag--green',
  2: 'nhsuk-tag--yellow',
  3: 'nhsuk-tag--orange',
  4: 'nhsuk-tag--red',
};
