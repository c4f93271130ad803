resource "aws_s3_bucket_cors_configuration" "assets" {
  bucket = "assets"

  cors_rule {
    allowed_origins = ["https://www.example.com"] # the site
    allowed_methods = ["GET"]
  }
}

resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = "uploads"

  cors_rule {
    allowed_origins = [
      "https://www.example.com",
    ]
    allowed_methods = ["GET"]
    max_age_seconds = 600
  }
}
