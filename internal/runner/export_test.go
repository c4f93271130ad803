package runner

// Reused is how many configurations r prepared from the one before.
func (r *Runner) Reused() int { return r.reused }
