package config_test

import (
	"fmt"

	"corsplay/internal/config"
)

func ExampleParse() {
	src := `[{"AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "PUT"]}]`
	cfg, err := config.Parse([]byte(src))
	if err != nil {
		panic(err)
	}
	for _, v := range cfg.Rules[0].Values {
		fmt.Printf("%s %q at %d:%d\n", v.Field, v.Text, v.Span.Start.Line, v.Span.Start.Column)
	}
	fmt.Print(string(config.Format(cfg, config.XML)))
	// Output:
	// AllowedOrigin "https://app.example.com" at 1:22
	// AllowedMethod "GET" at 1:69
	// AllowedMethod "PUT" at 1:76
	// <CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
	//   <CORSRule>
	//     <AllowedOrigin>https://app.example.com</AllowedOrigin>
	//     <AllowedMethod>GET</AllowedMethod>
	//     <AllowedMethod>PUT</AllowedMethod>
	//   </CORSRule>
	// </CORSConfiguration>
}
