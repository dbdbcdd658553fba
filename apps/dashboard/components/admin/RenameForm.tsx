'use client';
import { type FormEvent, useState } from 'react';

/** A name with an inline rename form (one per table row). */
export function RenameForm({
  id,
  label,
  name,
  pending,
  onRename,
}: {
  id: string;
  label: string;
  name: string;
  pending: boolean;
  onRename(name: string): void;
}) {
  const [value, setValue] = useState(name);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() && value.trim() !== name) onRename(value.trim());
  };
  return (
    <form className="app-rename" onSubmit={onSubmit} noValidate aria-label={`Rename ${name}`}>
      <label className="nhsuk-u-visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        className="nhsuk-input nhsuk-input--width-20"
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button
        type="submit"
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
        disabled={pending}
      >
        Rename<span className="nhsuk-u-visually-hidden"> {name}</span>
      </button>
    </form>
  );
}
