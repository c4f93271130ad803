//go:build unix

package expect

import (
	"syscall"
	"time"
)

// cpuTime is the process's user and system CPU time: on a machine shared
// with other work, wall-clock benchmark times mostly measure the waiting.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
