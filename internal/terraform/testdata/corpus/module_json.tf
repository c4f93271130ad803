variable "cors_rule_json" {
  type    = string
  default = "[{\"allowed_methods\":[\"GET\"],\"allowed_origins\":[\"https://docs.example.com\"],\"max_age_seconds\":60}]"
}

module "docs" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket    = "acme-docs"
  cors_rule = var.cors_rule_json
}

module "private" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket = "acme-private"
  for_each = toset(["eu", "us"])
  cors_rule = [
    {
      allowed_methods = ["GET"]
      allowed_origins = ["https://${each.key}.example.com"]
    },
    {
      allowed_origins = ["https://missing-methods.example.com"]
    },
  ]
}
