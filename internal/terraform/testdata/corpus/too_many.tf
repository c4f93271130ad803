resource "aws_s3_bucket_cors_configuration" "tenants" {
  bucket = "acme-tenants"

  dynamic "cors_rule" {
    for_each = range(101)
    content {
      allowed_methods = ["GET"]
      allowed_origins = ["https://tenant${cors_rule.value}.example.com"]
    }
  }
}
