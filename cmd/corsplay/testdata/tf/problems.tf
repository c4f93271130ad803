resource "aws_s3_bucket_cors_configuration" "broken" {
  bucket = "acme-broken"

  cors_rule {
    allowed_origins = ["https://app.example.com"]
    max_age_seconds = "an hour"
  }

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = "https://app.example.com"
    allowed_header  = ["*"]
  }

  cors_rule {
    allowed_methods = ["GET", null]
    allowed_origins = [["https://nested.example.com"]]
    max_age_seconds = 1.5
  }
}
