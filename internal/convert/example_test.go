package convert_test

import (
	"fmt"

	"corsplay/internal/convert"
)

func ExampleTo() {
	out, err := convert.To([]byte(`[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]`), "aws-cli")
	if err != nil {
		panic(err)
	}
	fmt.Print(string(out))
	// Output:
	// aws s3api put-bucket-cors --bucket amzn-s3-demo-bucket --cors-configuration '{"CORSRules":[{"AllowedMethods":["GET"],"AllowedOrigins":["*"]}]}'
}
