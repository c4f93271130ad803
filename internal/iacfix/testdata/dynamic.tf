locals {
  rules = [
    { origins = ["https://www.example.com"], methods = ["GET"] },
  ]
}

resource "aws_s3_bucket_cors_configuration" "site" {
  bucket = "site"

  dynamic "cors_rule" {
    for_each = local.rules
    content {
      allowed_origins = cors_rule.value.origins
      allowed_methods = cors_rule.value.methods
    }
  }
}
