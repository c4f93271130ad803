locals {
  a = "${local.b}.example.com"
  b = "www.${local.a}"
}

resource "aws_s3_bucket_cors_configuration" "loop" {
  bucket = "acme-loop"

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["https://${local.a}", "https://fixed.example.com"]
  }
}
