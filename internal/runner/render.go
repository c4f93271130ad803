package runner

import "corsplay/internal/scenario"

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
func (p *Prepared) marshal(in scenario.Input, out scenario.Output) []byte {
	if out.Error != nil {
		return scenario.Marshal(out)
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
			p.raw.config = p.Config.AppendJSON(nil)
		}
		b = append(b, p.raw.config...)
	case in.Omits(scenario.OmitRules):
		b = out.Config.AppendJSON(b)
	case in.Omits(scenario.OmitValues) || in.Omits(scenario.OmitRuleFields):
		k := omitBits(in)
		c, ok := p.raw.configOmitting[k]
		if !ok {
			c = out.Config.AppendJSON(nil)
			if p.raw.configOmitting == nil {
				p.raw.configOmitting = map[int][]byte{}
			}
			p.raw.configOmitting[k] = c
		}
		b = append(b, c...)
	default:
		b = out.Config.AppendJSON(b)
	}
	b = append(b, `,"validation":`...)
	b = append(b, p.raw.validation...)
	b = append(b, `,"evaluation":`...)
	b = out.Evaluation.AppendJSON(b)
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
			p.raw.lint = scenario.AppendLint(nil, out.Lint)
		}
		b = append(b, `,"lint":`...)
		b = append(b, p.raw.lint...)
	}
	b = append(b, `,"error":null}`...)
	return b
}

// omitBits says which of the sections that shape config.rules an input omits.
func omitBits(in scenario.Input) int {
	k := 0
	if in.Omits(scenario.OmitValues) {
		k |= 1
	}
	if in.Omits(scenario.OmitRuleFields) {
		k |= 2
	}
	return k
}
