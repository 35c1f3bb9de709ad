import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type VoteStatus = Schemas["VoteStatus"];
export type StageVote = Schemas["StageVote"];
export type StageVoteInput = Schemas["StageVoteInput"];
export type VoteReport = Schemas["VoteReport"];
export type VoteCount = Schemas["VoteCount"];
export type PublicVoteSummary = Schemas["PublicVoteSummary"];
export type PublicVote = Schemas["PublicVote"];
export type PublicFinalist = Schemas["PublicFinalist"];
export type VoteCodeSent = Schemas["VoteCodeSent"];
export type BallotInput = Schemas["BallotInput"];
export type Ballot = Schemas["Ballot"];
