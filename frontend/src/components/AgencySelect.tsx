import { useEffect, useMemo, useState } from "react";
import type { Agency } from "../api/types";
import { useApi } from "../app/context";
import { useI18n } from "../i18n/I18nProvider";
import { agencyTree } from "./agencyTree";
import { SelectField } from "./forms";

interface AgencySelectProps {
  id: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  /** Limit the choice to these agencies and their sub-agencies. */
  roots?: readonly string[] | undefined;
  label?: string;
}

/** Agency picker from GET /api/v1/agencies, shown as an indented tree. */
export function AgencySelect({ id, value, onValue, error, hint, roots, label }: AgencySelectProps) {
  const api = useApi();
  const { t } = useI18n();
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    api.GET("/api/v1/agencies").then(
      ({ data }) => {
        if (!live) return;
        if (data) setAgencies(data.items);
        else setFailed(true);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const nodes = useMemo(() => (agencies ? agencyTree(agencies, roots) : []), [agencies, roots]);

  return (
    <SelectField
      id={id}
      label={label ?? t("field.agency")}
      value={value}
      onValue={onValue}
      error={error ?? (failed ? t("common.errorNetwork") : undefined)}
      hint={hint}
      required
      disabled={agencies === null}
    >
      <option value="">{agencies === null && !failed ? t("common.loading") : t("field.agencyPlaceholder")}</option>
      {nodes.map(({ agency, depth }) => (
        <option key={agency.id} value={agency.id}>
          {"\u00a0\u00a0\u00a0".repeat(depth)}
          {agency.name} ({t(`agencyLevel.${agency.level}`)})
        </option>
      ))}
    </SelectField>
  );
}
