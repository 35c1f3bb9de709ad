package archive

// SubjectParticleForTest exposes subjectParticle to the external tests.
var SubjectParticleForTest = subjectParticle

// SetTierCandidatesForTest changes how many entries of a tier are ranked by density.
func SetTierCandidatesForTest(n int) (restore func()) {
	old := tierCandidates
	tierCandidates = n
	return func() { tierCandidates = old }
}

// SetCountingForTest changes when counts are estimated and from how large a sample.
func SetCountingForTest(exact, target, probe int) (restore func()) {
	old := counting
	counting.exact, counting.target, counting.probe = exact, target, probe
	return func() { counting = old }
}
