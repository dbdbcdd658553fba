import type { ReactNode } from 'react';

/** One NHS checkbox with its label (inside an `nhsuk-checkboxes` group). */
export function Checkbox({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <div className="nhsuk-checkboxes__item">
      <input
        className="nhsuk-checkboxes__input"
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

/** A list with `item` added (checked) or taken out. */
export const toggled = <T,>(list: readonly T[], item: T, checked: boolean): T[] =>
  checked ? [...list, item] : list.filter((x) => x !== item);
