variable "buckets" {
  type = map(list(string))
  default = {
    media = ["https://www.example.com"]
  }
}

resource "aws_s3_bucket_cors_configuration" "each" {
  for_each = var.buckets
  bucket   = each.key

  cors_rule {
    allowed_origins = each.value
    allowed_methods = ["GET"]
  }
}
