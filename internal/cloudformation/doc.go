// Package cloudformation reads the S3 CORS configurations a CloudFormation
// template declares: every AWS::S3::Bucket resource with a
// Properties.CorsConfiguration, in YAML or JSON, including AWS SAM
// templates, AWS CDK synth output (cdk.out/*.template.json) and the
// resources: section of a Serverless Framework file.
//
// Read evaluates each bucket's CorsConfiguration with CloudFormation's
// rules: intrinsic functions in both forms (!Ref and {"Ref": …}, !Sub,
// !If, !Join, !Split, !Select, !FindInMap, !Equals, !And, !Or, !Not,
// !Base64), parameter defaults, Mappings, Conditions, and the values a
// person supplies (iac.Inputs: parameters by name, pseudo parameters such
// as AWS::Region, and for values known only at deploy, "Res.Attr" for
// !GetAtt Res.Attr and "ImportValue:Name" for !ImportValue Name). What it
// cannot compute is reported at its place and never guessed.
//
// The rules are in the order written, which is the order CloudFormation
// sends them to S3. The result is an iac.File whose Sources hold an
// ordinary config.Config (Form config.CloudFormation, field names mapped
// from CloudFormation's: AllowedHeaders, AllowedMethods, AllowedOrigins,
// ExposedHeaders, Id, MaxAge) with every value's span in the template, and
// what CloudFormation itself refuses before S3 is asked (a missing
// required property, an unknown property, a method outside the resource
// schema's enum, a MaxAge that is not an integer), as iac.Problems in
// CloudFormation's words.
//
// YAML is parsed by go.yaml.in/yaml/v3, JSON by the project's own JSON
// reader (package config). Hostile files are bounded: MaxTemplate bytes,
// MaxDepth levels, MaxAliasUses alias uses, MaxWork values per resource;
// unsupported tags and duplicate keys are errors at their place.
package cloudformation
