import type { components, operations } from "../../api/schema";

type Schemas = components["schemas"];

export type ArchiveSummary = Schemas["ArchiveSummary"];
export type ArchiveCase = Schemas["ArchiveCase"];
export type ArchiveFacets = Schemas["ArchiveFacets"];
export type ArchiveSearchResult = Schemas["ArchiveSearchResult"];
export type FacetValue = Schemas["FacetValue"];
export type Highlight = Schemas["Highlight"];
export type Snippet = Schemas["Snippet"];
export type SimilarCase = Schemas["SimilarCase"];
export type Adoption = Schemas["Adoption"];
export type AdoptionInput = Schemas["AdoptionInput"];
export type AgencySpread = Schemas["AgencySpread"];
export type ImportReport = Schemas["ImportReport"];
export type SearchParams = NonNullable<operations["searchArchive"]["parameters"]["query"]>;
export type HelpfulState = Schemas["HelpfulState"];
export type ArchiveQuestion = Schemas["ArchiveQuestion"];
export type ArchiveQuestionList = Schemas["ArchiveQuestionList"];
