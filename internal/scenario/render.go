package scenario

// rendered is the JSON of a Prepared's parts that depend only on the
// configuration, written once: a batch over one configuration (corsplay
// eval over JSON Lines) would otherwise marshal the same rules, problems
// and lint warnings for every line.
type rendered struct {
	config, validation, lint []byte
	// The configuration's JSON with what an input omits left out, by the
	// omit list's bits (see omitBits).
	configOmitting map[int][]byte
}

// marshal writes out exactly as Marshal does, reusing p's rendered parts
// when out holds them unchanged.
func (p *Prepared) marshal(in Input, out Output) []byte {
	if out.Error != nil {
		return Marshal(out)
	}
	if p.raw == nil {
		p.raw = &rendered{validation: p.Validation.AppendJSON(nil)}
	}
	// One allocation for the usual answer: growing the buffer by doubling
	// allocated three times its size, and allocation is what costs most
	// in WebAssembly.
	size := len(p.raw.validation) + len(p.raw.lint) + 4096
	for _, c := range p.raw.configOmitting {
		size += len(c)
	}
	size += len(p.raw.config)
	if out.Evaluation != nil {
		size += 256 * len(out.Evaluation.Rules)
	}
	b := make([]byte, 0, size)
	b = append(b, `{"config":`...)
	switch {
	case out.Config == p.Config:
		// Only reached with values (run filled them in first), so the
		// rendering is complete whenever it is made.
		if p.raw.config == nil {
			p.raw.config = appendConfig(nil, p.Config)
		}
		b = append(b, p.raw.config...)
	case in.omits("rules"):
		b = appendConfig(b, out.Config)
	case in.omits("values") || in.omits("rule-fields"):
		k := omitBits(in)
		c, ok := p.raw.configOmitting[k]
		if !ok {
			c = appendConfig(nil, out.Config)
			if p.raw.configOmitting == nil {
				p.raw.configOmitting = map[int][]byte{}
			}
			p.raw.configOmitting[k] = c
		}
		b = append(b, c...)
	default:
		b = appendConfig(b, out.Config)
	}
	b = append(b, `,"validation":`...)
	b = append(b, p.raw.validation...)
	b = append(b, `,"evaluation":`...)
	b = appendEvaluation(b, out.Evaluation)
	if out.Browser != nil {
		b = append(b, `,"browser":`...)
		b = out.Browser.AppendJSON(b)
	}
	if out.Fix != nil {
		b = append(b, `,"fix":`...)
		b = out.Fix.AppendJSON(b)
	}
	if out.Lint != nil {
		if p.raw.lint == nil {
			p.raw.lint = appendLint(nil, out.Lint)
		}
		b = append(b, `,"lint":`...)
		b = append(b, p.raw.lint...)
	}
	b = append(b, `,"error":null}`...)
	return b
}

// omitBits says which of the sections that shape config.rules an input omits.
func omitBits(in Input) int {
	k := 0
	if in.omits("values") {
		k |= 1
	}
	if in.omits("rule-fields") {
		k |= 2
	}
	return k
}
