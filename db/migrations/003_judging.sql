-- Judging: rubrics, stages, judges and their assignments, conflicts of interest, score
-- sheets with their audit trail, award decisions, published results, objections, and the
-- in-app notifications they send.

ALTER TABLE rounds
    ADD COLUMN aggregation_method text NOT NULL DEFAULT 'trimmed_mean'
        CHECK (aggregation_method IN ('mean', 'trimmed_mean', 'median', 'zscore')),
    ADD COLUMN tie_breaks jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN objection_days integer NOT NULL DEFAULT 7 CHECK (objection_days BETWEEN 0 AND 60),
    ADD COLUMN judging_opened_at timestamptz,
    ADD COLUMN results_published_at timestamptz;

ALTER TABLE cases
    ADD COLUMN award_tier_id uuid REFERENCES award_tiers (id),
    ADD COLUMN final_rank integer,
    ADD COLUMN archived_at timestamptz;

-- Criteria are kept as one JSON document per rubric: they are read and replaced whole, and
-- each stage holds its own copy so that editing a template never changes a round.
CREATE TABLE rubric_templates (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id  uuid REFERENCES agencies (id),
    name       text NOT NULL,
    criteria   jsonb NOT NULL,
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO rubric_templates (name, criteria) VALUES ('기본 심사기준 (혁신 우수사례)', '[
  {"id": "6f1c2a4e-0b1d-4c39-9a0e-1f2d3c4b5a01", "name": "창의성", "description": "기존 방식과 다른 새로운 접근인가", "weight": 20,
   "scale": {"kind": "points", "min": 1, "max": 10, "step": 1},
   "guidance": [{"level": "9–10", "text": "국내 처음이거나 방식 자체를 바꾼 시도"}, {"level": "5–8", "text": "다른 기관 사례를 의미 있게 발전시킴"}, {"level": "1–4", "text": "기존 방식의 부분 개선"}]},
  {"id": "6f1c2a4e-0b1d-4c39-9a0e-1f2d3c4b5a02", "name": "효과성(성과)", "description": "측정 가능한 성과가 분명한가", "weight": 25,
   "scale": {"kind": "points", "min": 1, "max": 10, "step": 1},
   "guidance": [{"level": "9–10", "text": "전후 지표로 큰 개선이 입증됨"}, {"level": "5–8", "text": "성과가 있으나 측정이 일부에 그침"}, {"level": "1–4", "text": "성과를 서술로만 제시"}]},
  {"id": "6f1c2a4e-0b1d-4c39-9a0e-1f2d3c4b5a03", "name": "확산가능성", "description": "다른 기관이 쉽게 도입할 수 있는가", "weight": 20,
   "scale": {"kind": "points", "min": 1, "max": 10, "step": 1}, "guidance": []},
  {"id": "6f1c2a4e-0b1d-4c39-9a0e-1f2d3c4b5a04", "name": "국민체감도", "description": "시민이 변화를 느끼는가", "weight": 15,
   "scale": {"kind": "points", "min": 1, "max": 10, "step": 1}, "guidance": []},
  {"id": "6f1c2a4e-0b1d-4c39-9a0e-1f2d3c4b5a05", "name": "협업", "description": "부서·기관 간 협업이 있었는가", "weight": 10,
   "scale": {"kind": "grades", "grades": [{"label": "S", "points": 10}, {"label": "A", "points": 8}, {"label": "B", "points": 6}, {"label": "C", "points": 4}, {"label": "D", "points": 2}]},
   "guidance": [{"level": "S", "text": "외부 기관과 함께 설계·운영"}, {"level": "A", "text": "여러 부서가 역할을 나눠 추진"}, {"level": "B", "text": "협조 요청 수준"}]},
  {"id": "6f1c2a4e-0b1d-4c39-9a0e-1f2d3c4b5a06", "name": "난이도", "description": "제약과 난관을 넘어선 정도", "weight": 10,
   "scale": {"kind": "grades", "grades": [{"label": "S", "points": 10}, {"label": "A", "points": 8}, {"label": "B", "points": 6}, {"label": "C", "points": 4}, {"label": "D", "points": 2}]},
   "guidance": []}
]');

CREATE TYPE stage_kind AS ENUM ('written', 'presentation', 'final');
CREATE TYPE stage_status AS ENUM ('setup', 'open', 'closed');

CREATE TABLE stages (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id          uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    position          integer NOT NULL,
    name              text NOT NULL,
    kind              stage_kind NOT NULL,
    blind             boolean NOT NULL,
    status            stage_status NOT NULL DEFAULT 'setup',
    scoring_closes_at timestamptz NOT NULL,
    cut_kind          text NOT NULL DEFAULT 'none' CHECK (cut_kind IN ('none', 'top_n', 'threshold')),
    cut_value         double precision NOT NULL DEFAULT 0 CHECK (cut_value >= 0),
    criteria          jsonb NOT NULL,
    opened_at         timestamptz,
    closed_at         timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT stages_position_key UNIQUE (round_id, position)
);

-- The cases judged in a stage; advanced is decided when the stage closes.
CREATE TABLE stage_cases (
    stage_id uuid NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    case_id  uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    advanced boolean,
    PRIMARY KEY (stage_id, case_id)
);

CREATE TABLE stage_judges (
    stage_id     uuid NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users (id),
    kind         text NOT NULL DEFAULT 'internal' CHECK (kind IN ('internal', 'external')),
    max_cases    integer CHECK (max_cases > 0),
    added_at     timestamptz NOT NULL DEFAULT now(),
    withdrawn_at timestamptz,
    PRIMARY KEY (stage_id, user_id)
);

CREATE TABLE assignments (
    stage_id    uuid NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    case_id     uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    judge_id    uuid NOT NULL REFERENCES users (id),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stage_id, case_id, judge_id)
);
CREATE INDEX assignments_judge_idx ON assignments (judge_id, stage_id);

-- Conflicts a person raised: a judge's own recusal (회피) or the organizer's challenge (기피).
-- Automatic exclusions (제척) follow from teams and agencies and are computed, not stored.
CREATE TABLE declared_conflicts (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id    uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    case_id     uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    judge_id    uuid NOT NULL REFERENCES users (id),
    kind        text NOT NULL CHECK (kind IN ('declared', 'challenged')),
    reason      text NOT NULL,
    recorded_by uuid NOT NULL REFERENCES users (id),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT declared_conflicts_key UNIQUE (case_id, judge_id, kind)
);

CREATE TABLE score_sheets (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    stage_id        uuid NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    case_id         uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    judge_id        uuid NOT NULL REFERENCES users (id),
    status          text NOT NULL CHECK (status IN ('draft', 'submitted')),
    items           jsonb NOT NULL,
    overall_comment text NOT NULL DEFAULT '',
    total           double precision,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    submitted_at    timestamptz,
    CONSTRAINT score_sheets_key UNIQUE (stage_id, case_id, judge_id)
);

CREATE TABLE score_sheet_changes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sheet_id   uuid NOT NULL REFERENCES score_sheets (id) ON DELETE CASCADE,
    changed_by uuid NOT NULL REFERENCES users (id),
    changed_at timestamptz NOT NULL DEFAULT now(),
    old_value  jsonb,
    new_value  jsonb NOT NULL
);
CREATE INDEX score_sheet_changes_sheet_idx ON score_sheet_changes (sheet_id, id);

-- Security- and fairness-relevant events: who did what to which thing.
CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     uuid REFERENCES users (id),
    action       text NOT NULL,
    subject_type text NOT NULL,
    subject_id   uuid,
    details      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, at);

CREATE TABLE award_overrides (
    round_id   uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    case_id    uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    tier_id    uuid REFERENCES award_tiers (id),
    reason     text NOT NULL,
    decided_by uuid NOT NULL REFERENCES users (id),
    decided_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (round_id, case_id)
);

-- What was published stays as published, whatever changes later.
CREATE TABLE published_results (
    round_id     uuid PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
    results      jsonb NOT NULL,
    public_table jsonb NOT NULL,
    published_by uuid NOT NULL REFERENCES users (id),
    published_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE objections (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id    uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    case_id     uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    filed_by    uuid NOT NULL REFERENCES users (id),
    text        text NOT NULL,
    filed_at    timestamptz NOT NULL DEFAULT now(),
    answer      text,
    upheld      boolean,
    answered_by uuid REFERENCES users (id),
    answered_at timestamptz
);
CREATE INDEX objections_round_idx ON objections (round_id, filed_at);

CREATE TABLE notifications (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    title      text NOT NULL,
    body       text NOT NULL DEFAULT '',
    link       text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
