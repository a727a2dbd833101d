package i18n

import "testing"

// The expectations below are Next.js 16.4.6's: recorded root requests with
// the header (whether and where they redirected), and its accept-header
// function run on the same input for the cases no recording covers.

func TestAcceptLanguage(t *testing.T) {
	enFrDe := New([]string{"en", "fr", "de"}, "en")
	regions := New([]string{"en-US", "fr", "nl-NL"}, "en-US")
	tests := []struct {
		name    string
		locales *Locales
		header  string
		want    string // "" for no preference
	}{
		{"exact", enFrDe, "fr", "fr"},
		{"case-insensitive", enFrDe, "FR", "fr"},
		{"unsupported", enFrDe, "es", ""},
		{"empty", enFrDe, "", ""},
		{"q-values order", enFrDe, "de;q=0.5,fr;q=0.8", "fr"},
		{"equal q: configured order", enFrDe, "de;q=0.8,fr;q=0.8", "fr"},
		{"unsupported first", enFrDe, "es,de;q=0.1", "de"},
		{"q=0 rules out", enFrDe, "fr;q=0", ""},
		{"spaces ignored", enFrDe, " fr ; q=0.9 , de;q=0.95", "de"},
		{"q out of range counts as 1", enFrDe, "de;q=0.5,fr;q=5", "fr"},
		{"q not a number counts as 1", enFrDe, "de;q=0.5,fr;q=x", "fr"},
		{"q prefix parsed like parseFloat", enFrDe, "de;q=0.9,fr;q=0.95abc", "fr"},
		{"empty entries skipped", enFrDe, ",,fr,", "fr"},
		{"upper-case Q", enFrDe, "de;Q=0.5,fr;Q=0.6", "fr"},
		{"q below 0.001 counts as 1", enFrDe, "fr;q=0.9,de;q=0.0001", "de"},
		{"q underflow is 0", enFrDe, "fr;q=1e-999", ""},
		{"q overflow counts as 1", enFrDe, "de;q=0.5,fr;q=1e999", "fr"},
		{"q value ends at a second =", enFrDe, "fr;q=0.5=3,de;q=0.4", "fr"},
		{"q without leading zero", enFrDe, "de;q=.5,fr;q=.6", "fr"},
		{"q negative counts as 1", enFrDe, "de;q=0.,fr;q=-1", "fr"},
		{"invalid: unknown parameter", enFrDe, "fr;x=1", ""},
		{"invalid: two parameters", enFrDe, "de,fr;q=0.5;y=1", ""},
		{"invalid: empty parameter", enFrDe, "fr;", ""},
		{"invalid: empty tag", enFrDe, "fr,;q=1", ""},
		{"region does not fall back to language", enFrDe, "fr-CA", ""},
		{"region then language", enFrDe, "fr-CA,fr;q=0.9", "fr"},
		{"region skipped for the next tag", enFrDe, "en-US,fr;q=0.5", "fr"},
		{"language selects a region locale", regions, "nl", "nl-NL"},
		{"region locale, lower case", regions, "nl-nl", "nl-NL"},
		{"other region", regions, "nl-BE", ""},
		{"language of the default", regions, "en,fr;q=0.5", "en-US"},
		{"star: first locale not named", enFrDe, "*", "en"},
		{"star after named", enFrDe, "en;q=0.5,*", "fr"},
		{"star: prefix key counts", regions, "en-US;q=0.1,*", "en-US"},
		{"star loses a tie", enFrDe, "de,*", "de"},
		{"star naming everything", enFrDe, "*,en;q=0,fr;q=0,de;q=0.1", "de"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if i := tt.locales.AcceptLanguage([]byte(tt.header)); i >= 0 {
				got = tt.locales.Name(i)
			}
			if got != tt.want {
				t.Errorf("AcceptLanguage(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestPrefixTable(t *testing.T) {
	// A locale's own name takes over a prefix key an earlier locale added,
	// and ranks by its own place.
	l := New([]string{"en-US", "fr", "en"}, "en-US")
	if got := l.Name(l.AcceptLanguage([]byte("en"))); got != "en" {
		t.Errorf(`"en" selects %q, want "en"`, got)
	}
	if got := l.Name(l.AcceptLanguage([]byte("en;q=0.5,fr;q=0.5"))); got != "fr" {
		t.Errorf(`equal q: got %q, want "fr" (ranked before the later "en")`, got)
	}
}

func TestDetect(t *testing.T) {
	l := New([]string{"en", "fr", "de"}, "en")
	tests := []struct {
		name, cookie, header, want string
	}{
		{"nothing", "", "", "en"},
		{"cookie", "de", "", "de"},
		{"cookie ignores case", "DE", "", "de"},
		{"cookie before header", "de", "fr", "de"},
		{"default cookie before header", "en", "fr", "en"},
		{"unsupported cookie", "es", "fr", "fr"},
		{"header", "", "fr", "fr"},
		{"unsupported header", "", "es", "en"},
	}
	for _, tt := range tests {
		var cookie []byte
		if tt.cookie != "" {
			cookie = []byte(tt.cookie)
		}
		if got := l.Name(l.Detect(cookie, []byte(tt.header))); got != tt.want {
			t.Errorf("%s: Detect(%q, %q) = %q, want %q", tt.name, tt.cookie, tt.header, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	l := New([]string{"en-US", "fr"}, "en-US")
	tests := []struct {
		path   string
		locale string
		n      int
	}{
		{"/fr", "fr", 3},
		{"/fr/", "fr", 3},
		{"/fr/about", "fr", 3},
		{"/FR/about", "fr", 3},
		{"/en-us/x", "en-US", 6},
		{"/", "", 0},
		{"", "", 0},
		{"/french", "", 0},
		{"/about/fr", "", 0},
		{"fr", "", 0},
	}
	for _, tt := range tests {
		i, n := l.Split([]byte(tt.path))
		got := ""
		if i >= 0 {
			got = l.Name(i)
		}
		if got != tt.locale || n != tt.n {
			t.Errorf("Split(%q) = %q, %d; want %q, %d", tt.path, got, n, tt.locale, tt.n)
		}
	}
}

func TestAllocations(t *testing.T) {
	l := New([]string{"en-US", "fr", "nl-NL"}, "en-US")
	header := []byte("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")
	path := []byte("/nl-nl/about")
	if n := testing.AllocsPerRun(100, func() {
		l.AcceptLanguage(header)
		l.Detect([]byte("fr"), header)
		l.Split(path)
	}); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}

func FuzzAcceptLanguage(f *testing.F) {
	for _, s := range []string{"fr", "de;q=0.5,fr;q=0.8", "*", "fr;q=0", "en-US,fr;q=0.5", "a;q=1e999", ";;", "*,*;q=0.1"} {
		f.Add(s)
	}
	l := New([]string{"en-US", "fr", "nl-NL"}, "en-US")
	f.Fuzz(func(t *testing.T, header string) {
		if i := l.AcceptLanguage([]byte(header)); i < -1 || i >= l.Len() {
			t.Fatalf("AcceptLanguage(%q) = %d", header, i)
		}
	})
}
