// Command eutteum-searchbench measures the archive search at national scale.
//
//	eutteum-searchbench gen -n 100000 -seed 1 -o cases.jsonl
//	eutteum-searchbench search -url http://127.0.0.1:8080 -c 1,8 -duration 30s
//
// gen writes a deterministic archive of realistic Korean winning cases in the import format
// (docs/import.md), to be loaded with `eutteum import cases FILE --create-agencies`. search
// runs a fixed set of queries of every kind against the real HTTP API and prints Markdown
// tables of the latency of the full call (results, facets and highlights in one response).
// scripts/bench-search does both around a fresh server and records the figures.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

const usage = `usage:
  eutteum-searchbench gen [-n 100000] [-seed 1] [-o FILE.jsonl|-]
  eutteum-searchbench search [-url http://127.0.0.1:8080] [-c 1,8] [-duration 30s | -rounds N] [-warmup 1]
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = genCommand(os.Args[2:])
	case "search":
		err = searchCommand(os.Args[2:])
	case "-h", "-help", "--help", "help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "eutteum-searchbench:", err)
		os.Exit(1)
	}
}

func genCommand(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	n := fs.Int("n", 100000, "how many cases")
	seed := fs.Uint64("seed", 1, "seed: the same seed writes the same file")
	out := fs.String("o", "-", "output file, - for standard output")
	_ = fs.Parse(args)
	if fs.NArg() > 0 || *n < 0 || *n > 9_999_999 {
		return fmt.Errorf("gen: bad arguments (n from 0 to 9,999,999)\n%s", usage)
	}
	var w io.Writer = os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	start := time.Now()
	cw := &countingWriter{w: w}
	if err := generate(cw, *n, *seed); err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && f != os.Stdout {
		if err := f.Close(); err != nil {
			return err
		}
	}
	took := time.Since(start)
	fmt.Fprintf(os.Stderr, "wrote %d cases, %.1f MiB, in %.1fs (%.0f rows/s)\n", *n, float64(cw.n)/(1<<20), took.Seconds(), float64(*n)/took.Seconds())
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func searchCommand(args []string) error {
	fs := flag.NewFlagSet("search", flag.ExitOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "the server (started with EUTTEUM_TRUSTED_PROXIES=127.0.0.1)")
	levels := fs.String("c", "1,8", "concurrency levels, comma-separated, run in this order")
	duration := fs.Duration("duration", 30*time.Second, "how long each concurrency level runs at least (in whole rounds over the query set)")
	rounds := fs.Int("rounds", 0, "instead of -duration: each level runs the whole query set this many times (its clients share the work)")
	warmup := fs.Int("warmup", 1, "passes over the query set before measuring (not counted)")
	_ = fs.Parse(args)
	if fs.NArg() > 0 {
		return fmt.Errorf("search: unexpected %q\n%s", fs.Arg(0), usage)
	}
	var cs []int
	for _, f := range strings.Split(*levels, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c < 1 || c > 256 {
			return fmt.Errorf("search: -c wants numbers from 1 to 256, got %q", *levels)
		}
		cs = append(cs, c)
	}
	return runSearch(strings.TrimRight(*base, "/"), cs, *duration, *rounds, *warmup)
}
