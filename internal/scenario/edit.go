package scenario

// Edit is a configuration given as a change to the text a runner holds,
// instead of the whole text: a page evaluates at every keystroke, and
// sending a 64 KB configuration across the JavaScript boundary for each one
// cost more than evaluating it.
//
// The text with revision Base has its characters From up to To replaced by
// Text, giving the text with revision Rev. Characters are counted as
// JavaScript counts them (UTF-16 code units), because the caller is a
// JavaScript string diff; From and To must not split a surrogate pair.
//
// A runner holds one text: the last one given with a revision
// (bucket.corsRev beside bucket.cors, or an edit's Rev). When it does not
// hold revision Base, or the edit does not fit the text, the answer is an
// error with code StaleEdit, and the caller sends the whole text again.
type Edit struct {
	Base int    `json:"base"`
	Rev  int    `json:"rev"`
	From int    `json:"from"`
	To   int    `json:"to"`
	Text string `json:"text"`
}

// StaleEdit is ErrorOut.Code for an edit the engine could not apply.
const StaleEdit = "stale-edit"
