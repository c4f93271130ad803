locals {
  buckets = {
    media = {
      allowed_origins = ["https://www.example.com", "https://m.example.com"]
      allowed_methods = ["GET"]
    }
    uploads = {
      allowed_origins = ["https://app.example.com"]
      allowed_methods = ["PUT", "POST"]
    }
  }
}

resource "aws_s3_bucket" "buckets" {
  for_each = local.buckets
  bucket   = "acme-${each.key}"
}

resource "aws_s3_bucket_cors_configuration" "buckets" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.buckets[each.key].id

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = each.value.allowed_methods
    allowed_origins = each.value.allowed_origins
    expose_headers  = ["ETag"]
    max_age_seconds = 3600
  }
}
