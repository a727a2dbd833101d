package match

// MaxParams is the most values one rule can capture: path params plus has
// captures. Compile rejects patterns with more.
const MaxParams = 16

// Params holds the values one rule captured for one request: path params
// (slices of the request path) and has/missing captures (slices of header,
// cookie, query or host bytes). It is a fixed-size value meant to live in a
// pooled per-request struct: Add and Get never allocate. The slices point
// into request memory and are valid only while the request is handled.
//
// A repeated param (:path* or :path+) holds the whole matched span, slashes
// included ("a/b/c"); an optional param that matched nothing is absent.
type Params struct {
	n    int
	name [MaxParams]string
	val  [MaxParams][]byte
}

// Reset empties p for reuse.
func (p *Params) Reset() { p.n = 0 }

// Len returns the number of values held.
func (p *Params) Len() int { return p.n }

// At returns the i-th name and value, in the order they were added.
func (p *Params) At(i int) (name string, value []byte) { return p.name[i], p.val[i] }

// Add appends a value. A name added twice keeps the later value for Get.
// Values beyond MaxParams are dropped.
func (p *Params) Add(name string, value []byte) {
	if p.n == MaxParams {
		return
	}
	p.name[p.n], p.val[p.n] = name, value
	p.n++
}

// Get returns the latest value added under name.
func (p *Params) Get(name string) ([]byte, bool) {
	for i := p.n - 1; i >= 0; i-- {
		if p.name[i] == name {
			return p.val[i], true
		}
	}
	return nil, false
}

// Truncate drops the values added after the first n, so a failed match can
// undo its captures.
func (p *Params) Truncate(n int) {
	if n < p.n {
		p.n = n
	}
}
