import { useCallback, useState, type FormEvent } from "react";
import { problemToFormErrors } from "../../api/problem";
import { useApi } from "../../app/context";
import { CheckboxField, ErrorSummary, StatusMessage, SubmitButton, TextAreaField, TextField, useFormErrors } from "../../components/forms";
import { LoadError, Loading } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import { agencyLine, JUDGE_FIELDS, parseKeywords, profileProblems, type ProfileField } from "./judgeProfile";
import type { ContactVisibility, JudgeField, JudgeProfile } from "./types";
import "./directory.css";

/** 심사위원 프로필 on the account page: what the judge directory shows of a judge, and whether it shows them. */
export function JudgeProfileSection() {
  const { t } = useI18n();
  const api = useApi();
  const load = useCallback(() => api.GET("/api/v1/me/judge-profile"), [api]);
  const profile = useLoad(load);
  return (
    <section className="panel judge-profile" aria-labelledby="me-judge-profile">
      <h2 id="me-judge-profile" className="section-title">
        {t("judgeProfile.title")}
      </h2>
      <p className="small-note">{t("judgeProfile.intro")}</p>
      {profile.status === "loading" ? <Loading /> : null}
      {profile.status === "error" ? <LoadError error={profile.error} httpStatus={profile.httpStatus} onRetry={profile.reload} /> : null}
      {profile.status === "ok" ? <JudgeProfileForm initial={profile.data} /> : null}
    </section>
  );
}

function JudgeProfileForm({ initial }: { initial: JudgeProfile }) {
  const { t } = useI18n();
  const api = useApi();
  const [saved, setSaved] = useState<JudgeProfile>(initial);
  const [note, setNote] = useState(initial.affiliation.note ?? "");
  const [fields, setFields] = useState<JudgeField[]>(initial.fields);
  const [keywords, setKeywords] = useState(initial.keywords.join(", "));
  const [bio, setBio] = useState(initial.bio);
  const [listed, setListed] = useState(initial.listed);
  const [contact, setContact] = useState<ContactVisibility>(initial.contactVisibility);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<ProfileField>();

  const toggle = (field: JudgeField, on: boolean) =>
    setFields((current) => (on ? JUDGE_FIELDS.filter((f) => f === field || current.includes(f)) : current.filter((f) => f !== field)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const words = parseKeywords(keywords);
    const local = profileProblems({ listed, fields, keywords: words });
    if (Object.keys(local).length > 0) {
      const shown: Partial<Record<ProfileField, string>> = {};
      for (const [field, key] of Object.entries(local)) shown[field as ProfileField] = t(key);
      report({ summary: t("common.errorSummary"), fields: shown, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const { data, error } = await api.PUT("/api/v1/me/judge-profile", {
        body: { affiliationNote: note.trim(), fields, keywords: words, bio: bio.trim(), listed, contactVisibility: contact },
      });
      if (data) {
        setSaved(data);
        setNote(data.affiliation.note ?? "");
        setFields(data.fields);
        setKeywords(data.keywords.join(", "));
        setBio(data.bio);
        setListed(data.listed);
        setContact(data.contactVisibility);
        setMessage(t(data.listed ? "judgeProfile.savedListed" : "judgeProfile.saved"));
      } else {
        report(problemToFormErrors(error, ["affiliationNote", "fields", "keywords", "bio", "contactVisibility"], t("common.errorUnknown")));
      }
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy} aria-labelledby="me-judge-profile">
      <ErrorSummary errors={errors} summaryRef={summaryRef} />
      <dl className="detail-list">
        <div>
          <dt>{t("judgeProfile.affiliation")}</dt>
          <dd>
            {agencyLine(saved.affiliation)} <span className="muted">({t(`agencyLevel.${saved.affiliation.agencyLevel}`)})</span>
            <p className="form-hint">{t("judgeProfile.affiliationHint")}</p>
          </dd>
        </div>
        <div>
          <dt>{t("judgeProfile.experience")}</dt>
          <dd>{t("judgeProfile.stagesJudged", { count: saved.stagesJudged })}</dd>
        </div>
      </dl>
      <TextField id="judge-note" label={t("judgeProfile.note")} optional maxLength={100} hint={t("judgeProfile.noteHint")}
        value={note} onValue={setNote} error={errors.fields.affiliationNote} />
      <fieldset className={`form-group${errors.fields.fields ? " is-error" : ""}`} aria-describedby={errors.fields.fields ? "judge-fields-error" : "judge-fields-hint"}>
        <legend className="form-tit visible-legend">{t("judgeProfile.fields")}</legend>
        <p className="form-hint" id="judge-fields-hint">
          {t("judgeProfile.fieldsHint")}
        </p>
        <div className="inline-checks">
          {JUDGE_FIELDS.map((f) => (
            <CheckboxField key={f} id={`judge-field-${f}`} label={t(`judgeField.${f}`)} checked={fields.includes(f)} onChecked={(on) => toggle(f, on)} />
          ))}
        </div>
        {errors.fields.fields ? (
          <p className="form-hint-invalid" id="judge-fields-error">
            {errors.fields.fields}
          </p>
        ) : null}
      </fieldset>
      <TextField id="judge-keywords" label={t("judgeProfile.keywords")} optional hint={t("judgeProfile.keywordsHint")}
        value={keywords} onValue={setKeywords} error={errors.fields.keywords} />
      <TextAreaField id="judge-bio" label={t("judgeProfile.bio")} optional rows={4} maxLength={500} hint={t("judgeProfile.bioHint")}
        value={bio} onValue={setBio} error={errors.fields.bio} />
      <CheckboxField id="judge-listed" label={t("judgeProfile.listed")} checked={listed} onChecked={setListed} />
      <fieldset className="form-group radio-group" aria-describedby="judge-contact-hint">
        <legend className="form-tit visible-legend">{t("judgeProfile.contact")}</legend>
        <p className="form-hint" id="judge-contact-hint">
          {t("judgeProfile.contactHint")}
        </p>
        <div className="inline-radios">
          {(["none", "email"] as const).map((v) => (
            <div className="krds-form-check medium" key={v}>
              <input type="radio" id={`judge-contact-${v}`} name="judge-contact" checked={contact === v} onChange={() => setContact(v)} />
              <label htmlFor={`judge-contact-${v}`}>{t(`judgeProfile.contact.${v}`, { email: saved.email })}</label>
            </div>
          ))}
        </div>
        {errors.fields.contactVisibility ? <p className="form-hint-invalid">{errors.fields.contactVisibility}</p> : null}
      </fieldset>
      <div className="form-actions">
        <SubmitButton busy={busy} label={t("judgeProfile.save")} busyLabel={t("judgeProfile.saving")} />
      </div>
      <StatusMessage>{message}</StatusMessage>
    </form>
  );
}
