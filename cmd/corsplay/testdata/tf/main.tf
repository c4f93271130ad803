variable "app_domain" {
  description = "Where the web app is served from"
  type        = string
}

locals {
  app_origin = "https://${var.app_domain}"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "acme-user-uploads"
}

resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  # The app uploads with presigned PUT URLs and reads back what it stored.
  cors_rule {
    allowed_methods = ["PUT"]
    allowed_origins = [local.app_origin]
    allowed_headers = ["content-type"]
  }

  # Thumbnails are public.
  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
  }
}
