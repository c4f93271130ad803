// Package digest computes MD5 (RFC 1321), which PutBucketCors needs for its
// Content-MD5 header and S3 uses for simple ETags.
//
// It stands in for crypto/md5 in the WebAssembly engine
// (docs/architecture.md, "Stand-ins for the standard library"); the tests compare it with crypto/md5. MD5 is used here as S3
// uses it, as a checksum, never for security.
package digest

import "math/bits"

// MD5 returns the MD5 digest of b.
func MD5(b []byte) [16]byte {
	s := [4]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}
	n := len(b)
	// Pad: 0x80, zeros to 56 mod 64, then the length in bits, little-endian.
	tail := make([]byte, 0, 128)
	full := n &^ 63
	tail = append(tail, b[full:]...)
	tail = append(tail, 0x80)
	for len(tail)%64 != 56 {
		tail = append(tail, 0)
	}
	for i, l := 0, uint64(n)<<3; i < 8; i++ {
		tail = append(tail, byte(l>>(8*i)))
	}
	for i := 0; i < full; i += 64 {
		block(&s, b[i:i+64])
	}
	for i := 0; i < len(tail); i += 64 {
		block(&s, tail[i:i+64])
	}
	var out [16]byte
	for i, v := range s {
		out[i*4], out[i*4+1], out[i*4+2], out[i*4+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
	return out
}

// Per-round shift amounts and the constants floor(abs(sin(i+1)) * 2^32).
var (
	shifts = [64]int{
		7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
		5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
		4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
		6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
	}
	table = [64]uint32{
		0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
		0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
		0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
		0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
		0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
		0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
		0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
		0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
	}
)

func block(s *[4]uint32, p []byte) {
	var m [16]uint32
	for i := range m {
		m[i] = uint32(p[i*4]) | uint32(p[i*4+1])<<8 | uint32(p[i*4+2])<<16 | uint32(p[i*4+3])<<24
	}
	a, b, c, d := s[0], s[1], s[2], s[3]
	for i := 0; i < 64; i++ {
		var f uint32
		var g int
		switch {
		case i < 16:
			f, g = (b&c)|(^b&d), i
		case i < 32:
			f, g = (d&b)|(^d&c), (5*i+1)%16
		case i < 48:
			f, g = b^c^d, (3*i+5)%16
		default:
			f, g = c^(b|^d), (7*i)%16
		}
		f += a + table[i] + m[g]
		a, d, c = d, c, b
		b += bits.RotateLeft32(f, shifts[i])
	}
	s[0] += a
	s[1] += b
	s[2] += c
	s[3] += d
}
