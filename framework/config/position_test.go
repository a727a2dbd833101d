package config

import "testing"

func TestScanPositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want map[string]int // path -> line
	}{
		{
			name: "top-level keys and tables",
			src: "# comment [[not]] a = 1\n" +
				"basePath = \"/a # not a comment\"\n" +
				"\n" +
				"[i18n] # [x]\n" +
				"locales = [\"en\",\n  \"fr\"]\n" +
				"defaultLocale = 'en'\n",
			want: map[string]int{"basePath": 2, "i18n": 4, "i18n.locales": 5, "i18n.locales[1]": 6, "i18n.defaultLocale": 7},
		},
		{
			name: "arrays of tables and nested arrays of tables",
			src: "[[redirects]]\n" +
				"source = \"/a\"\n" +
				"[[redirects.has]]\n" +
				"type = \"query\"\n" +
				"[[redirects]]\n" +
				"source = \"/b\"\n" +
				"[[redirects.has]]\n" +
				"type = \"cookie\"\n" +
				"[[redirects.has]]\n" +
				"type = \"header\"\n",
			want: map[string]int{
				"redirects[0]": 1, "redirects[0].source": 2, "redirects[0].has[0]": 3, "redirects[0].has[0].type": 4,
				"redirects[1]": 5, "redirects[1].has[0]": 7, "redirects[1].has[1]": 9, "redirects[1].has[1].type": 10,
			},
		},
		{
			name: "inline tables in arrays",
			src: "[rewrites]\n" +
				"beforeFiles = [\n" +
				"  # { source = \"/commented\" },\n" +
				"  { source = \"/a\", has = [{ type = \"query\", key = \"x\" }, { type = \"host\",\n value = \"h\" }], destination = \"/b\" },\n" +
				"  { source = '''/c''', destination = \"\"\"\n/d\"\"\" }, { source = \"/e\" },\n" +
				"]\n" +
				"fallback = [{ source = \"/f\" }]\n",
			want: map[string]int{
				"rewrites": 1, "rewrites.beforeFiles": 2,
				"rewrites.beforeFiles[0]": 4, "rewrites.beforeFiles[0].has[1]": 4, "rewrites.beforeFiles[0].has[1].value": 5,
				"rewrites.beforeFiles[0].destination": 5,
				"rewrites.beforeFiles[1]":             6, "rewrites.beforeFiles[2]": 7, "rewrites.fallback[0]": 9,
			},
		},
		{
			name: "quoted and dotted keys",
			src: "\"basePath\" = \"/a\"\n" +
				"i18n . 'defaultLocale' = \"en\"\n" +
				"[ \"redirects\" ]\n" +
				"x.\"y z\" = 1\n",
			want: map[string]int{"basePath": 1, "i18n": 2, "i18n.defaultLocale": 2, "redirects": 3, "redirects.x.y z": 4},
		},
		{
			name: "escapes and quotes in strings",
			src: "a = \"q\\\" [[b]]\"\n" +
				"b = \"\"\"x\\\n\"\"\"\"\"\n" +
				"c = '''it's'''''\n" +
				"d = 1979-05-27 07:32:00Z\n",
			want: map[string]int{"a": 1, "b": 2, "c": 4, "d": 5},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scanPositions(tt.src)
			for path, line := range tt.want {
				if got.line(path) != line {
					t.Errorf("%s: line %d, want %d", path, got.line(path), line)
				}
			}
		})
	}
}

// Garbage must not hang or crash the scanner.
func TestScanPositionsGarbage(t *testing.T) {
	for _, src := range []string{"", "[", "[[", "a", "a =", "a = [", "a = [{", "a = {b = [", "= 1", "\"", "'''", "a = \"\"\"", "]", "a = ]", "a = [1 2]", "[a.", "a = {,,}", "#"} {
		scanPositions(src)
	}
}
