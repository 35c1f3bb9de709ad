import type { MessageKey } from "../i18n/messages";

export const PASSWORD_MIN = 10;

// A pragmatic check; the server validates for real.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(value: string): MessageKey | null {
  if (!value.trim()) return "validation.emailRequired";
  if (!EMAIL.test(value.trim())) return "validation.emailFormat";
  return null;
}

export function newPasswordProblem(value: string): MessageKey | null {
  if (!value) return "validation.passwordRequired";
  if ([...value].length < PASSWORD_MIN) return "validation.passwordMin";
  return null;
}
