# AWS provider 3.x: CORS rules inline in the bucket.
resource "aws_s3_bucket" "b" {
  bucket = "s3-website-test.example.com"
  acl    = "public-read"

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["PUT", "POST"]
    allowed_origins = ["https://s3-website-test.example.com"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
  }

  website {
    index_document = "index.html"
  }
}
