// Package terraform reads the S3 CORS configurations a Terraform file
// declares, as the AWS provider would send them to PutBucketCors.
//
// Read takes HCL (.tf), HCL's JSON syntax (.tf.json), and the JSON of
// `terraform show -json` for a plan or a state, and finds:
//
//   - aws_s3_bucket_cors_configuration resources: cors_rule blocks,
//     dynamic "cors_rule" blocks, count and for_each instances
//     (addressed name[0], name["key"]);
//   - the provider v3 inline cors_rule blocks of aws_s3_bucket;
//   - calls of the terraform-aws-modules/s3-bucket module with a cors_rule
//     input (a list of objects, or its JSON text), addressed module.NAME.
//
// Expressions are evaluated with HCL's own rules (hclsyntax templates,
// conditionals, for expressions, and the functions Terraform shares with
// go-cty's stdlib) against the file's locals, its variables' defaults and
// the values a person supplies (iac.Inputs). A reference whose value is not
// known (a variable without a default or value, a resource attribute known
// after apply) is never guessed: the values it feeds are left out and it is
// listed in Source.Unknowns at its place.
//
// The provider declares aws_s3_bucket_cors_configuration's cors_rule and its
// value lists as sets, so rules and values are put in the SDK's set order
// (package tfset), duplicates merged; inline aws_s3_bucket rules are lists and
// keep the written order. What the provider sends is modelled too: empty
// lists and an empty id are left out, and an unset max_age_seconds is sent
// as 0 (a Value spanning the rule's block header).
//
// What Terraform refuses before S3 is asked (a missing required argument,
// an argument the schema does not have, a value of the wrong type, more than
// 100 rules) is an iac.Problem in Terraform's words with Tool "terraform".
// Work is bounded: files over MaxFile, deeper nesting than maxDepth, and
// values larger than maxValue are refused with a Problem at their place.
package terraform
