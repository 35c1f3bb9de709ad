package textsearch

import (
	"os"
	"testing"
)

func BenchmarkVector(b *testing.B) {
	raw, _ := os.ReadFile("testdata/case.txt")
	text := string(raw)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		Vector(Field{"외국인 계절근로자 지원 개선", Title}, Field{text, Body})
	}
}
