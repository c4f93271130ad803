locals {
  # The marketing site; the app lives elsewhere.
  site = "https://www.example.com"
}

resource "aws_s3_bucket_cors_configuration" "assets" {
  bucket = "assets"

  cors_rule {
    allowed_origins = [local.site]
    allowed_methods = ["GET"]
  }
}
