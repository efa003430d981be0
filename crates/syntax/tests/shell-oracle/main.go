package main

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"

	"oracle/shell"
)

type req struct {
	Word   string      `json:"word"`
	Env    [][2]string `json:"env"`
	Escape string      `json:"escape"`
	RawQuotes bool `json:"raw_quotes"`
	RawEscapes bool `json:"raw_escapes"`
	SkipProcessQuotes bool `json:"skip_process_quotes"`
	SkipUnsetEnv bool `json:"skip_unset_env"`
}
type resp struct {
	Result    string   `json:"result"`
	Words     []string `json:"words"`
	WordsErr  *string  `json:"words_err"`
	Matched   []string `json:"matched"`
	Unmatched []string `json:"unmatched"`
	Err       *string  `json:"err"`
}
type env struct{ m map[string]string }
func (e env) Get(k string) (string, bool) { v, ok := e.m[k]; return v, ok }
func (e env) Keys() []string { return nil }
func keys(m map[string]struct{}) []string { r := []string{}; for k := range m { r = append(r, k) }; sort.Strings(r); return r }

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 64<<20), 64<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var r req
		if err := json.Unmarshal(in.Bytes(), &r); err != nil { panic(err) }
		m := map[string]string{}
		for _, kv := range r.Env { m[kv[0]] = kv[1] }
		esc := '\\'
		for _, c := range r.Escape { esc = c }
		lex := shell.NewLex(esc)
		lex.RawQuotes = r.RawQuotes; lex.RawEscapes = r.RawEscapes; lex.SkipProcessQuotes = r.SkipProcessQuotes; lex.SkipUnsetEnv = r.SkipUnsetEnv
		res, err := lex.ProcessWordWithMatches(r.Word, env{m})
		o := resp{Result: res.Result, Matched: keys(res.Matched), Unmatched: keys(res.Unmatched)}
		if err != nil { s := err.Error(); o.Err = &s; o.Result = "" }
		lex2 := shell.NewLex(esc)
		lex2.RawQuotes = r.RawQuotes; lex2.RawEscapes = r.RawEscapes; lex2.SkipProcessQuotes = r.SkipProcessQuotes; lex2.SkipUnsetEnv = r.SkipUnsetEnv
		w, err := lex2.ProcessWords(r.Word, env{m})
		if err != nil { s := err.Error(); o.WordsErr = &s; w = nil }
		if w == nil { w = []string{} }
		o.Words = w
		out.Encode(o)
	}
}
