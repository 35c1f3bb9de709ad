package archive

// SubjectParticleForTest exposes subjectParticle to the external tests.
var SubjectParticleForTest = subjectParticle
