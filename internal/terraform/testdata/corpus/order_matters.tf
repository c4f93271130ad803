# The app reads ETag and Content-Length on downloads; every other site may
# only GET. Written most specific first, as S3's first-match rule wants.
resource "aws_s3_bucket_cors_configuration" "downloads" {
  bucket = "acme-downloads"

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["https://app.example.com"]
    allowed_headers = ["Range"]
    expose_headers  = ["ETag", "Content-Length"]
    max_age_seconds = 600
  }

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
  }
}
